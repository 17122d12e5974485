import { termPageRoute } from '@/app/_routes/termRoutes';

const route = termPageRoute('tags', false);
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
