import { authorIndexRoute as route } from '@/app/_routes/authorRoutes';

export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
