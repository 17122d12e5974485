import { termIndexRoute } from '@/app/_routes/termRoutes';

const route = termIndexRoute('categories');
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
