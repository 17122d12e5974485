import { languageFeedRoute } from '@/app/_routes/feedRoutes';

export const GET = languageFeedRoute('index.xml');
